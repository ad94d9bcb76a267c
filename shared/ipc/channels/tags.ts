import { z } from 'zod';
import { channel } from '../define';

/** A contact tag and how many contacts carry it, for choosing an audience. */
export interface TagCount {
  name: string;
  count: number;
}

export const tagChannels = {
  /** Every tag, alphabetically, with its contact count (tags no contact carries any more count 0). */
  'contacts:tags': channel<TagCount[]>()(z.object({}).strict()),
};
