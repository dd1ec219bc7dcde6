// The config written on first run: the project's example, but with no channel, so nothing is read until the
// streamer types their channel and clicks Connect (the example names a placeholder channel).
import example from '../../config.example.json';

export const DEFAULT_CONFIG: unknown = { ...example, channels: [] };
