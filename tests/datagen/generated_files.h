#pragma once
// Generating into memory for the datagen tests: the three files as strings and the summary.

#include <string>

#include "datagen/byte_sink.h"
#include "datagen/market_data_generator.h"

namespace mdp::datagen::testing {

struct Generated {
    std::string orders;
    std::string trades;
    std::string nbbo;
    GenerationSummary summary;
};

inline Generated generate_in_memory(const GeneratorConfig& config) {
    StringSink orders, trades, nbbo;
    Generated g;
    g.summary = generate(config, OutputSinks{&orders, &trades, &nbbo});
    g.orders = orders.data();
    g.trades = trades.data();
    g.nbbo = nbbo.data();
    return g;
}

}  // namespace mdp::datagen::testing
