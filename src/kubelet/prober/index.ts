/**
 * @module kubelet/prober
 * The probe manager: `createProbeManager` builds the kubelet's `ProbeManager`.
 */
export { createProbeManager, ProberManager, type ProbeManagerOptions } from './manager.js';
export { ResultsStore } from './results.js';
