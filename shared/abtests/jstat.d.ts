/**
 * The slice of jStat 1.9 that the A/B statistics use. jStat ships no types; its CommonJS export is the jStat
 * function itself, which also carries a `jStat` property pointing to itself, so under ESM the default import
 * exposes `.jStat` both in Node and in the Vite-bundled renderer.
 */
declare module 'jstat' {
  interface JStatDistributions {
    chisquare: { cdf(x: number, dof: number): number };
    normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
  }
  const jStatPackage: { jStat: JStatDistributions };
  export default jStatPackage;
}
