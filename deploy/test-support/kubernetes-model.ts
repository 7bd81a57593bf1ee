import * as apps from 'kubernetes-models/apps/v1';
import * as core from 'kubernetes-models/v1';
import * as policy from 'kubernetes-models/policy/v1';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

const GROUPS: Record<string, Record<string, unknown>> = { v1: core, 'apps/v1': apps, 'policy/v1': policy };

/** The kubernetes-models class (with the OpenAPI schema's validator) for an object's apiVersion and kind. */
export function kubernetesModel(apiVersion: string, kind: string): new (data: unknown) => Validatable {
  const model = GROUPS[apiVersion]?.[kind];
  if (typeof model !== 'function') throw new Error(`no Kubernetes schema known here for ${apiVersion} ${kind} (add its group to deploy/test-support/kubernetes-model.ts)`);
  return model as ModelClass as new (data: unknown) => Validatable;
}
