/** Analytics definitions shared by main and renderer (analytics.md): pure, no Node APIs. */
export * from './metrics';
export * from './money';
export * from './windows';
export * from './outcomes';
export * from './engagement';
