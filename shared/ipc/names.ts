import { channelNames, eventNames } from './contract';

/**
 * The names alone, for the preload. (The bundler tree-shakes what the preload does not use; the list is derived
 * from the contract so the two can never disagree.)
 */
export { channelNames, eventNames };
