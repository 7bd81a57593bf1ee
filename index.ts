/**
 * The `sluice` package: what job files import (`import ... from 'sluice'` or
 * `require('sluice')`). TaskManagers and the JobManager provide this same module to job
 * artifacts at run time. The core API lives in api/; each connector adds its public builders
 * here (connectors/<name>/index.ts), which is why this entry sits above both layers.
 */
export * from './api/index';
export * from './connectors/nexmark/index';
export * from './connectors/kafka/index';
