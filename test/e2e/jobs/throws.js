export default function () {
  throw new Error('the job function is broken on purpose');
}
