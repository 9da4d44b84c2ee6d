#!/usr/bin/env python3
"""Extracts the audio schemas of the OpenAI spec into openai-audio.schemas.json, which the audio wire tests load.

Run from this folder:  python3 extract-audio-spec.py ../../../../../shared/openapi/openai-openapi.yaml   (needs PyYAML)
The output is committed so the tests need neither Python nor the shared folder.
"""
import json
import sys

import yaml

NAMES = [
    "CreateTranscriptionRequest", "CreateTranslationRequest", "CreateSpeechRequest", "AudioResponseFormat",
    "VoiceIdsShared", "VadConfig", "TranscriptionInclude", "TranscriptionSegment", "TranscriptionWord",
    "TranscriptionDiarizedSegment", "TranscriptTextUsageTokens", "TranscriptTextUsageDuration",
    "CreateTranscriptionResponseJson", "CreateTranscriptionResponseVerboseJson", "CreateTranscriptionResponseDiarizedJson",
    "CreateTranslationResponseJson", "CreateTranslationResponseVerboseJson", "TranscriptTextDeltaEvent",
    "TranscriptTextDoneEvent", "TranscriptTextSegmentEvent", "SpeechAudioDeltaEvent", "SpeechAudioDoneEvent",
]


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "../../../../../shared/openapi/openai-openapi.yaml"
    with open(source, encoding="utf-8") as f:
        schemas = yaml.safe_load(f)["components"]["schemas"]
    out = {name: schemas[name] for name in NAMES}
    with open("openai-audio.schemas.json", "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False, default=str)
        f.write("\n")


if __name__ == "__main__":
    main()
