"""The codec: compiled per-record decoders and encoders, reading, writing, building."""
