import { useMutation, useQueryClient } from '@tanstack/react-query';
import { activitiesApi } from '../../../../functions/activities/contract';
import { companiesApi } from '../../../../functions/companies/contract';
import { contactsApi } from '../../../../functions/contacts/contract';
import { mergesApi, type MergeView } from '../../../../functions/merges/contract';
import { contractKey } from '../../shared/query';
import { useApi } from '../../shared/services';

/** A merge runs in bounded steps: while it answers `moving`, the same request continues it. */
const MAX_ROUNDS = 50;

const refresh = (client: ReturnType<typeof useQueryClient>) =>
  Promise.all(
    [companiesApi, contactsApi, activitiesApi, mergesApi].map((c) =>
      client.invalidateQueries({ queryKey: contractKey(c) }),
    ),
  );

export interface MergeInput {
  targetId: string;
  sourceId: string;
  fields: Record<string, 'target' | 'source'>;
  version: number;
}

/** Merges one company or contact into another, to the end. */
export function useMerge(kind: 'company' | 'contact') {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: MergeInput): Promise<MergeView> => {
      const body = { sourceId: input.sourceId, fields: input.fields, version: input.version };
      let merge: MergeView | undefined;
      for (let round = 0; round < MAX_ROUNDS && (!merge || merge.state === 'moving'); round++) {
        merge =
          kind === 'company'
            ? await api.call(mergesApi.mergeCompanies, {
                params: { companyId: input.targetId },
                body,
                version: input.version,
              })
            : await api.call(mergesApi.mergeContacts, {
                params: { contactId: input.targetId },
                body,
                version: input.version,
              });
      }
      return merge!;
    },
    onSuccess: () => refresh(client),
  });
}

/** Undoes a merge, to the end. */
export function useUndoMerge() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (mergeId: string): Promise<MergeView> => {
      let merge: MergeView | undefined;
      for (let round = 0; round < MAX_ROUNDS && (!merge || merge.state === 'undoing'); round++) {
        merge = await api.call(mergesApi.undo, { params: { mergeId } });
      }
      return merge!;
    },
    onSuccess: () => refresh(client),
  });
}
