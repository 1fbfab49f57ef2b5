import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Label } from '../../../core/model/label.js';
import { LabelCreate, LabelPatch } from '../../../core/schemas/label.schema.js';
import * as labels from '../../../core/services/label.service.js';
import { withIsoTimes } from '../../representation.js';
import { alwaysCreates, registerCrud } from '../crud.js';

export const labelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerCrud(app, {
    path: '/v1/labels',
    tag: 'Labels',
    noun: 'label',
    scopes: { read: 'profiles:read', write: 'profiles:write' },
    schemaId: 'Label',
    createBody: LabelCreate,
    patchBody: LabelPatch,
    summaries: {
      update: 'Change a label (the fields given replace the stored ones; values as a whole)',
      remove: 'Delete a label with its values',
    },
    service: {
      list: labels.listLabels,
      get: labels.getLabel,
      create: alwaysCreates(labels.createLabel),
      update: labels.updateLabel,
      remove: labels.deleteLabel,
    },
    represent: (l: Label) => withIsoTimes(l, ['createdAt', 'updatedAt'] as const),
  });
};
