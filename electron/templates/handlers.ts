import { AppError } from '../../shared/errors';
import type { templateChannels } from '../../shared/ipc/channels/templates';
import type { DeskCore } from '../core';
import type { Handler } from '../ipc/dispatch';
import {
  businessContext,
  contactsByIds,
  countAudience,
  knownFieldKeys,
  sampleContacts,
  tagExists,
  tagNames,
} from './audience';
import {
  archiveTemplate,
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  getTemplate,
  unarchiveTemplate,
  updateTemplate,
} from './library';
import { measureTemplateAudience } from './measure';
import { listTemplates } from './list';
import { previewForContact } from './preview';
import { sendTestEmail } from './test-email';

export type TemplateHandlers = { [C in keyof typeof templateChannels]: Handler<C> };

/** The templates:* channels. Every write tells the UI the library changed. */
export function createTemplateHandlers(
  core: Pick<DeskCore, 'db' | 'kdb' | 'settings' | 'secrets' | 'provider' | 'events' | 'now' | 'audit'>,
): TemplateHandlers {
  const { db, settings } = core;
  const at = () => core.now().toISOString();
  const changed = () => core.events.emit('app:dataChanged', { area: 'templates' });
  // Only the newest measurement is worth finishing: the editor asks again after every pause in typing.
  let measureGeneration = 0;
  // A mistyped tag would otherwise look like an empty audience.
  const assertTag = (tag: string | undefined) => {
    if (tag !== undefined && !tagExists(db, tag)) {
      throw new AppError(
        'not_found',
        `There is no tag "${tag}". Tags come from contact imports and the Contacts page.`,
      );
    }
  };

  return {
    'templates:list': (q) => listTemplates(core.kdb, q),
    'templates:get': ({ id }) => getTemplate(db, id),
    'templates:create': (input) => {
      const created = createTemplate(db, input, at());
      core.audit('template.create', `template:${created.id}`, { name: created.name });
      changed();
      return created;
    },
    'templates:update': ({ id, ...patch }) => {
      const { template, changed: didChange } = updateTemplate(db, id, patch, at());
      if (didChange) {
        core.audit('template.update', `template:${id}`, { fields: Object.keys(patch) });
        changed();
      }
      return template;
    },
    'templates:duplicate': ({ id, name }) => {
      const copy = duplicateTemplate(db, id, at(), name);
      core.audit('template.duplicate', `template:${copy.id}`, { from: id, name: copy.name });
      changed();
      return copy;
    },
    'templates:archive': ({ id }) => {
      const archived = archiveTemplate(db, id, at());
      core.audit('template.archive', `template:${id}`);
      changed();
      return archived;
    },
    'templates:unarchive': ({ id }) => {
      const restored = unarchiveTemplate(db, id);
      core.audit('template.unarchive', `template:${id}`);
      changed();
      return restored;
    },
    'templates:delete': ({ id }) => {
      const result = deleteTemplate(db, id, at());
      core.audit(result.outcome === 'deleted' ? 'template.delete' : 'template.archive', `template:${id}`, {
        campaigns: result.campaignCount,
      });
      changed();
      return result;
    },
    'templates:preview': (input) => previewForContact({ db, settings }, input),
    'templates:sendTestEmail': (input) => sendTestEmail(core, input),
    'templates:measure': async ({ body, tag }) => {
      assertTag(tag);
      const mine = ++measureGeneration;
      return measureTemplateAudience({ db, settings }, body, { tag }, { shouldStop: () => mine !== measureGeneration });
    },
    'templates:sampleContacts': ({ tag, search, limit, contactIds }) => {
      assertTag(tag);
      return {
        business: businessContext(settings),
        knownFields: knownFieldKeys(db),
        tags: tagNames(db),
        audienceSize: countAudience(db, { tag }),
        contacts: contactIds ? contactsByIds(db, contactIds) : sampleContacts(db, { tag }, { search, limit }),
      };
    },
  };
}
