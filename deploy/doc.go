// Package deploy holds the deployment files of the compose stack
// (prometheus.yml, demo.sh) and the tests that check docker-compose.yml and
// the Dockerfile without a Docker engine.
package deploy
