// sim/cli/describe_quorum.h — `kafkasim describe` for a KRaft scenario: the
// metadata quorum as `kafka-metadata-quorum.sh describe --status` and
// `--replication` print it (Kafka 3.9's tools/MetadataQuorumCommand.java).
//
// Where it differs from Kafka: the cluster id is made from the scenario name
// (kafkasim has no meta.properties); voters have no directory id (static
// `controller.quorum.voters`, before KIP-853: "directoryId": null, and the
// zero Uuid in the table); brokers are not raft observers in kafkasim (they
// use MetadataFetch), so CurrentObservers is empty and the table has no
// Observer rows; timestamps are milliseconds of simulated time.
#pragma once

#include <ostream>

namespace kafkasim::sim {
class Simulation;
}

namespace kafkasim::cli {

// Both sections, or one line saying there is no quorum leader to ask.
void DescribeQuorum(const sim::Simulation& sim, std::ostream& out);

}  // namespace kafkasim::cli
