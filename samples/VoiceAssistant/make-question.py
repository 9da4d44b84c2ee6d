#!/usr/bin/env python3
"""Makes question.wav: a spoken question (espeak-ng, resampled to 16 kHz mono with sox) whose text is also stored in
the WAV's LIST/INFO ICMT chunk, which the ChatGptClient emulator reads as the file's transcript.

    apt-get install -y espeak-ng sox
    python3 make-question.py "What is the capital of France?" question.wav
"""
import struct
import subprocess
import sys
import tempfile


def info_chunk(comment: str) -> bytes:
    body = b"INFO"
    for chunk_id, text in ((b"ICMT", comment), (b"ISFT", "espeak-ng + sox (ChatGptClient VoiceAssistant sample)")):
        data = text.encode("utf-8") + b"\0"
        body += chunk_id + struct.pack("<I", len(data)) + data + (b"\0" if len(data) % 2 else b"")
    return b"LIST" + struct.pack("<I", len(body)) + body


def main() -> None:
    text, output = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        spoken, resampled = f"{tmp}/spoken.wav", f"{tmp}/resampled.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", spoken, text], check=True)
        subprocess.run(["sox", spoken, "-r", "16000", "-c", "1", "-b", "16", resampled], check=True)
        with open(resampled, "rb") as f:
            wav = f.read()

    # Keep fmt and data, drop any other chunk, and put LIST/INFO between them.
    assert wav[:4] == b"RIFF" and wav[8:12] == b"WAVE"
    chunks, position = {}, 12
    while position + 8 <= len(wav):
        chunk_id, size = wav[position:position + 4], struct.unpack("<I", wav[position + 4:position + 8])[0]
        chunks[chunk_id] = wav[position:position + 8 + size + (size & 1)]
        position += 8 + size + (size & 1)
    body = b"WAVE" + chunks[b"fmt "] + info_chunk(text) + chunks[b"data"]
    with open(output, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", len(body)) + body)


if __name__ == "__main__":
    main()
