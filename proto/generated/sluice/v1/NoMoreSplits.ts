// Original file: proto/sluice.proto


export interface NoMoreSplitsInput {
}

export interface NoMoreSplits {
}
