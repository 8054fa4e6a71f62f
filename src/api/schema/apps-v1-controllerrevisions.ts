/**
 * @module api/schema/apps-v1-controllerrevisions
 * Type schemas for apps/v1 ControllerRevision, the stored template snapshots of StatefulSets and DaemonSets.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type TypeSchema } from './model.js';
import { appsRef, metaRef } from './apps-v1-refs.js';

export const appsV1ControllerRevisionSchemas: TypeSchema[] = [
  type(
    'io.k8s.api.apps.v1.ControllerRevision',
    "An immutable snapshot of a controller's pod template, kept for history and rollback.",
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      data: f(2, t.rawExtension, 'The serialized state captured by this revision.'),
      revision: f(3, t.int64, 'Sequence number of this revision within its owner.', { required: true }),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'ControllerRevision' }] },
  ),

  type(
    'io.k8s.api.apps.v1.ControllerRevisionList',
    'A list of ControllerRevision objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        metaRef('ListMeta'),
        'List metadata, including the resourceVersion the list was read at.',
      ),
      items: f(2, t.array(appsRef('ControllerRevision')), 'The ControllerRevision objects.', {
        required: true,
      }),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'ControllerRevisionList' }] },
  ),
];
