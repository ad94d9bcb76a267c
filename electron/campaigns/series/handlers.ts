import type { DeskCore } from '../../core';
import type { Handlers } from '../../ipc/dispatch';
import { describeRule } from '../recurrence/rule';
import { checkRepeat } from '../recurrence/validate';
import { expand } from '../recurrence/expand';
import { calendarEntries, rescheduleCampaign } from './calendar';
import { zonedIso } from './plan';
import { seriesOccurrences, seriesView } from './series';

type SeriesHandlers = Pick<
  Handlers,
  'series:get' | 'series:occurrences' | 'series:preview' | 'calendar:entries' | 'calendar:reschedule'
>;

export function createSeriesHandlers(core: DeskCore): SeriesHandlers {
  return {
    'series:get': ({ id }) => seriesView(core, id),
    'series:occurrences': ({ id, count }) => ({ occurrences: seriesOccurrences(core, id, count) }),
    'series:preview': ({ rule, start, zone, count }) => {
      const z = zone ?? core.settings.get('business.timezone');
      const checked = checkRepeat(rule, start, z);
      return {
        summary: describeRule(checked.rule, start.slice(11)),
        occurrences: expand(checked.rule, start, z, { limit: count }).map((o) => zonedIso(o.at, z)),
      };
    },
    'calendar:entries': ({ from, to }) => calendarEntries(core, from, to),
    'calendar:reschedule': ({ id, at }) => rescheduleCampaign(core, id, at),
  };
}
