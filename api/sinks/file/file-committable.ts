/** A finished part file waiting to be committed: renaming `pending` to `committed` publishes it. */
export interface FileCommittable {
  pending: string;
  committed: string;
}
