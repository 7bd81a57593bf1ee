export default function (env) {
  env.fromElements(1, 2, 3).map((x) => x + 1);
}
