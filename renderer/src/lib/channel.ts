// The Connect form's check: the same rule and words as the engine's contract (shared/channel.ts).
export { channelProblem } from '../../../shared/channel';
