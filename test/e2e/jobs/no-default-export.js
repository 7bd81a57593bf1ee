export function notDefault(env) {
  env.fromElements(1).print();
}
