// Original file: proto/sluice.proto


export interface AckInput {
}

export interface Ack {
}
