/**
 * A classroom server in a process of its own for the browser tests that stop and start it
 * again (`node --import tsx test/browser/classroomProcess.ts <port> <db> <dist> [<class address>]`): the
 * shipped scenarios, the game built for the tests, a database file. It prints "server on"
 * once it listens, and stops as `npm run classroom` does on SIGINT.
 */
import { ClassroomServer } from '../../src/server/server';
import { loadScenarioFile, scenarioFiles } from '../../src/cli/files';
import type { Scenario } from '../../src/core/scenario';

const [port, db, dist, classAddress] = process.argv.slice(2);
const scenarios: Record<string, Scenario> = {};
for (const file of scenarioFiles()) {
  const loaded = loadScenarioFile(file);
  if (loaded.ok) scenarios[loaded.scenario.id] = loaded.scenario;
}
const server = new ClassroomServer({ port: Number(port), host: '127.0.0.1', db, scenarios, dist, ...(classAddress ? { classAddress } : {}), log: () => {} });
await server.start();
console.log('server on');
process.on('SIGINT', () => void server.stop().then(() => process.exit(0)));
