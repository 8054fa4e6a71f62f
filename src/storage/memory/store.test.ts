import { runStoreConformance } from '../store.conformance.js';
import { openMemoryStore } from './store.js';

runStoreConformance('memory', async () => {
  const store = openMemoryStore();
  return { store, cleanup: () => store.close() };
});
