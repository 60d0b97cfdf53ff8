#!/usr/bin/env sh
# Brings the whole compose stack up with the openaitest emulator as the
# model API, and runs a demo run through it: two parallel tool calls.
# Needs Docker with Compose v2. Stop with: docker compose --profile demo down
set -eu
cd "$(dirname "$0")/.."
[ -f .env ] || cp .env.example .env
if grep -q '^PAYLOAD_CODEC_KEYS=$' .env; then
  key=$(head -c 32 /dev/urandom | base64)
  sed -i.bak "s|^PAYLOAD_CODEC_KEYS=\$|PAYLOAD_CODEC_KEYS=k1:$key|" .env && rm -f .env.bak
fi
if grep -q '^CODEC_SERVER_TOKEN=$' .env; then
  token=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  sed -i.bak "s|^CODEC_SERVER_TOKEN=\$|CODEC_SERVER_TOKEN=$token|" .env && rm -f .env.bak
fi
docker compose --profile demo up -d --build --wait
asst=$(docker compose exec -T worker starter assistant create --name demo --model gpt-4o)
docker compose exec -T worker starter run --assistant "$asst" --message "What time is it in Tokyo, and what is 17*23?
call: current_time {\"timezone\":\"Asia/Tokyo\"}
call: calculate {\"expression\":\"17*23\"}"
echo "Temporal UI: http://localhost:8080   Prometheus: http://localhost:9091"
echo "To see payloads decrypted in the UI, sign in once at http://localhost:8081/login"
echo "with CODEC_SERVER_TOKEN from .env, then reload the UI."
