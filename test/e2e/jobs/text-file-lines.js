// readTextFile -> keyBy count -> files.
export default function (env, params) {
  env.readTextFile(params.get('input')).keyBy((l) => l).count().writeAsText(params.get('output'));
}
