/**
 * @module api/rbac/roles/defaults
 * Roles have no defaults upstream.
 */
import type { Role } from './types.js';

export function setDefaults(role: Role): void {
  void role;
}
