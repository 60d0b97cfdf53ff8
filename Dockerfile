# The durable-assistants worker image: static binaries (CGO off) on a
# distroless base, run as a non-root user. Besides the worker it carries the
# starter (to start runs from inside the compose network), the codec server
# (the UI decrypts through it) and the openaitest emulator (the demo's model API; see docker-compose.yml, profile "demo").
#
# deploy/dockerfile_test.go builds the worker with the flags of the
# `go build` line below and checks that the result is static.

FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ENV CGO_ENABLED=0
RUN for cmd in worker starter cmd/codec-server openaitest/cmd/openaitest; do \
      go build -trimpath -ldflags="-s -w" -o /out/ ./$cmd || exit 1; \
    done

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ /usr/local/bin/
USER nonroot:nonroot
# /healthz and /readyz (HEALTH_ADDRESS), Prometheus metrics (METRICS_ADDRESS).
ENV HEALTH_ADDRESS=:8081 METRICS_ADDRESS=:9090
EXPOSE 8081 9090
# `worker healthcheck` asks /readyz: the image has no shell or curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["worker", "healthcheck"]
# The worker lets activities in flight finish for 10 s after SIGTERM:
# give it longer than that to stop (docker stop -t 20, stop_grace_period).
STOPSIGNAL SIGTERM
ENTRYPOINT ["worker"]
