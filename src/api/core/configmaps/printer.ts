/**
 * @module api/core/configmaps/printer
 * The configmap table: NAME DATA AGE, where DATA counts `data` and `binaryData` keys together.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** The fields of a ConfigMap this printer reads. */
export interface ConfigMapView extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

export const printer: TablePrinter<ConfigMapView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the configmap.', priority: 0 },
    { name: 'Data', type: 'string', description: 'Number of keys in data and binaryData.', priority: 0 },
    { name: 'Age', type: 'string', description: 'Time since the configmap was created.', priority: 0 },
  ],
  row(cm, now) {
    const keys = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return {
      cells: [cm.metadata.name ?? '', keys, translateTimestampSince(cm.metadata.creationTimestamp, now)],
    };
  },
};
