import * as path from 'node:path';
import * as fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** Finds sluice.proto both when running from source (proto/) and from dist (dist/proto/). */
function protoFile(): string {
  const candidates = [path.join(__dirname, 'sluice.proto'), path.join(__dirname, '..', '..', 'proto', 'sluice.proto')];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  throw new Error(`sluice.proto not found (looked in ${candidates.join(', ')})`);
}

let cached: grpc.GrpcObject | undefined;

export function loadSluiceProto(): grpc.GrpcObject {
  if (cached) return cached;
  // Keep these options in step with scripts/generate-proto-types.mjs: the generated types
  // describe what this loader yields.
  const def = protoLoader.loadSync(protoFile(), {
    keepCase: false,
    longs: Number,
    enums: String,
    defaults: true,
    arrays: true,
  });
  cached = grpc.loadPackageDefinition(def);
  return cached;
}

export function sluiceService(name: 'JobManagerGateway' | 'ResourceManagerGateway' | 'TaskExecutorGateway'): grpc.ServiceClientConstructor {
  const pkg = (loadSluiceProto().sluice as grpc.GrpcObject).v1 as grpc.GrpcObject;
  return pkg[name] as grpc.ServiceClientConstructor;
}
