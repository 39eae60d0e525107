import * as z from 'zod';
import { defineContract, idParams, MANAGE_WORKSPACE, page, READ } from '../shared/contract.js';
import { DEAL_STATUSES } from '../shared/enums.js';
import { createPipelineSchema, listPipelinesSchema, updatePipelineSchema } from './schema.js';

export const stageView = z
  .object({
    stageId: z.string(),
    name: z.string(),
    order: z.number(),
    probabilityBps: z.number(),
    rottingDays: z.number().optional(),
    kind: z.enum(DEAL_STATUSES),
  })
  .meta({ id: 'PipelineStage' });

/** A pipeline as the API returns it, stages in order. */
export const pipelineView = z
  .object({
    pipelineId: z.string(),
    name: z.string(),
    stages: z.array(stageView),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Pipeline' });
export type PipelineView = z.output<typeof pipelineView>;

const pipeline = idParams('pipelineId');

/** Sales pipelines and their stages. */
export const pipelinesApi = defineContract('pipelines', {
  list: {
    method: 'GET',
    path: '/v1/pipelines',
    auth: 'tenant',
    roles: READ,
    summary:
      'The workspace’s pipelines; the first read creates the default one (Qualified → Proposal → Negotiation → Won / Lost)',
    query: listPipelinesSchema,
    response: page(pipelineView),
  },
  create: {
    method: 'POST',
    path: '/v1/pipelines',
    auth: 'tenant',
    roles: MANAGE_WORKSPACE,
    summary: 'Create a pipeline with its stages',
    body: createPipelineSchema,
    response: pipelineView,
    status: 201,
  },
  get: {
    method: 'GET',
    path: '/v1/pipelines/{pipelineId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One pipeline',
    params: pipeline,
    response: pipelineView,
  },
  update: {
    method: 'PATCH',
    path: '/v1/pipelines/{pipelineId}',
    auth: 'tenant',
    roles: MANAGE_WORKSPACE,
    summary:
      'Rename a pipeline or replace its stages (rename, reorder, probabilities, rotting days); a stage that still has deals cannot be removed (409)',
    params: pipeline,
    body: updatePipelineSchema,
    response: pipelineView,
    versioned: true,
  },
});
