/** Whether the sending domain is set up for delivery: SPF, DKIM and DMARC (issue 18, point 5). */
export { checkDomain, isDkimSelector, isDomainName } from './check';
export type { DomainCheck } from './check';
export { txtLookup } from './dns';
export type { TxtAnswer, TxtLookup } from './dns';
export { createDeliverabilityHandlers } from './handlers';
export { domainOfAddress, runDomainCheck, sendingDomainCheck } from './sending-domain';
export { lastDomainCheck } from './queries';
export type { StoredDomainCheck } from './queries';
