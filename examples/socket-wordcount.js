// The seeds' socket word count. In one terminal: nc -lk 9999
// In another: npx stream-submit examples/socket-wordcount.js --port 9999
// Type words into nc; running counts such as ["hello",3] appear on the TaskManagers' stdout.
export default function (env, params) {
  env.setParallelism(2);
  env
    .socketTextStream(params.get('host', '127.0.0.1'), params.getNumber('port', 9999))
    .flatMap((line) => line.split(' '))
    .filter((w) => w.length > 0)
    .map((w) => [w, 1])
    .keyBy((t) => t[0])
    .sum(1)
    .uid('word-counts')
    .print();
}
