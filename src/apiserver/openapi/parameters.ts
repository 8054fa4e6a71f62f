/**
 * @module apiserver/openapi/parameters
 * The query and path parameters of Kubernetes REST operations, written inline in each operation
 * (kubectl's query-parameter verifier reads the PATCH operation's own `parameters` list to decide
 * whether it may send `fieldValidation`). Descriptions are our own short words.
 */
import type { OpenApiSchema } from './components.js';

export type OpenApiParameter = OpenApiSchema;

function query(name: string, type: 'string' | 'boolean' | 'integer', description: string): OpenApiParameter {
  return { description, in: 'query', name, schema: { type, uniqueItems: true } };
}

function pathParam(name: string, description: string): OpenApiParameter {
  return { description, in: 'path', name, required: true, schema: { type: 'string', uniqueItems: true } };
}

export const param = {
  name: (kind: string) => pathParam('name', `name of the ${kind}`),
  namespace: pathParam('namespace', 'object name and auth scope, such as for teams and projects'),
  pretty: query('pretty', 'string', "If 'true', the response is indented for reading."),
  dryRun: query(
    'dryRun',
    'string',
    'When set, the request is checked and processed but nothing is stored. The only accepted value is `All`.',
  ),
  fieldManager: query(
    'fieldManager',
    'string',
    'Name of the actor making the change, recorded in managedFields. Required for apply patches.',
  ),
  fieldValidation: query(
    'fieldValidation',
    'string',
    'What to do with unknown or duplicate fields in the request body: `Ignore` drops them, `Warn` ' +
      'drops them and answers with a warning for each, `Strict` rejects the request.',
  ),
  force: query(
    'force',
    'boolean',
    'Apply patches only: take ownership of fields other managers own instead of failing with a conflict.',
  ),
  labelSelector: query('labelSelector', 'string', 'Only return objects whose labels match this selector.'),
  fieldSelector: query('fieldSelector', 'string', 'Only return objects whose fields match this selector.'),
  watch: query('watch', 'boolean', 'Stream changes (added, modified, deleted) instead of returning a list.'),
  allowWatchBookmarks: query(
    'allowWatchBookmarks',
    'boolean',
    'Ask for BOOKMARK events carrying the current resourceVersion. Ignored for plain lists.',
  ),
  resourceVersion: query(
    'resourceVersion',
    'string',
    'Which version of the data may serve the request; see the API concepts documentation.',
  ),
  resourceVersionMatch: query(
    'resourceVersionMatch',
    'string',
    'How resourceVersion is applied to a list: `NotOlderThan` or `Exact`.',
  ),
  sendInitialEvents: query(
    'sendInitialEvents',
    'boolean',
    'With watch=true, begin the stream with synthetic ADDED events for the current state.',
  ),
  timeoutSeconds: query('timeoutSeconds', 'integer', 'Ends a list or watch call after this many seconds.'),
  limit: query(
    'limit',
    'integer',
    'Largest number of items to return; when more exist, the list metadata carries a `continue` token.',
  ),
  continue: query('continue', 'string', 'Token from a previous limited list, to fetch the next chunk.'),
  gracePeriodSeconds: query(
    'gracePeriodSeconds',
    'integer',
    'Seconds the object may take to shut down before it is deleted; 0 deletes at once.',
  ),
  orphanDependents: query(
    'orphanDependents',
    'boolean',
    'Deprecated, use propagationPolicy: whether dependents are left behind.',
  ),
  propagationPolicy: query(
    'propagationPolicy',
    'string',
    'How dependents are garbage collected: `Orphan`, `Background` or `Foreground`.',
  ),
  ignoreStoreReadErrorWithClusterBreakingPotential: query(
    'ignoreStoreReadErrorWithClusterBreakingPotential',
    'boolean',
    'Delete an object that can no longer be read from storage. Unsafe; meant for repairs only.',
  ),
  // Connect subresources (exec, attach, port-forward, proxy).
  container: query('container', 'string', 'Container to connect to; defaults to the only container.'),
  command: query('command', 'string', 'Command to run, one argument per occurrence of this parameter.'),
  stdin: query('stdin', 'boolean', 'Attach the standard input stream.'),
  stdout: query('stdout', 'boolean', 'Attach the standard output stream (default true).'),
  stderr: query('stderr', 'boolean', 'Attach the standard error stream (default true).'),
  tty: query('tty', 'boolean', 'Allocate a terminal; stderr is then merged into stdout.'),
  ports: query('ports', 'integer', 'Port in the pod to forward to.'),
  path: query('path', 'string', 'Path to use when proxying.'),
  // Logs.
  follow: query('follow', 'boolean', 'Keep streaming the log as it grows.'),
  previous: query('previous', 'boolean', 'Return the log of the previous, terminated, container instance.'),
  sinceSeconds: query('sinceSeconds', 'integer', 'Only lines newer than this many seconds.'),
  sinceTime: query('sinceTime', 'string', 'Only lines newer than this RFC 3339 time.'),
  tailLines: query('tailLines', 'integer', 'Only this many lines from the end of the log.'),
  timestamps: query('timestamps', 'boolean', 'Prefix every line with its RFC 3339 timestamp.'),
  limitBytes: query('limitBytes', 'integer', 'Stop after this many bytes.'),
  insecureSkipTLSVerifyBackend: query(
    'insecureSkipTLSVerifyBackend',
    'boolean',
    'Do not verify the serving certificate of the kubelet when reading logs.',
  ),
  stream: query('stream', 'string', 'Which stream to read: `All`, `Stdout` or `Stderr`.'),
};

/** Parameters of list operations (and of the deprecated watch paths). */
export const listParams = [
  param.allowWatchBookmarks,
  param.continue,
  param.fieldSelector,
  param.labelSelector,
  param.limit,
  param.resourceVersion,
  param.resourceVersionMatch,
  param.sendInitialEvents,
  param.timeoutSeconds,
  param.watch,
];

/** Parameters of create and replace. */
export const writeParams = [param.dryRun, param.fieldManager, param.fieldValidation];

/** Parameters of patch: the write parameters plus `force` for apply patches. */
export const patchParams = [param.dryRun, param.fieldManager, param.fieldValidation, param.force];

/** Parameters of delete. */
export const deleteParams = [
  param.dryRun,
  param.gracePeriodSeconds,
  param.ignoreStoreReadErrorWithClusterBreakingPotential,
  param.orphanDependents,
  param.propagationPolicy,
];

/** Parameters of deletecollection: delete's plus list's selectors. */
export const deleteCollectionParams = [...deleteParams, ...listParams.filter((p) => p.name !== 'watch')];

/** Parameters of the pod log subresource. */
export const logParams = [
  param.container,
  param.follow,
  param.insecureSkipTLSVerifyBackend,
  param.limitBytes,
  param.previous,
  param.sinceSeconds,
  param.sinceTime,
  param.stream,
  param.tailLines,
  param.timestamps,
];

/** Query parameters of connect subresources, by subresource name. */
export const connectParams: Record<string, OpenApiParameter[]> = {
  exec: [param.command, param.container, param.stderr, param.stdin, param.stdout, param.tty],
  attach: [param.container, param.stderr, param.stdin, param.stdout, param.tty],
  portforward: [param.ports],
  proxy: [param.path],
};
