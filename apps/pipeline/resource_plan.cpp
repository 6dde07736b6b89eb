#include "resource_plan.h"

#include "engine/system_info_report.h"

namespace mdp::app {

ResourcePlan plan_resources(const PipelineSettings& settings) {
    engine::SystemProbe probe;
    probe.output_dir = settings.output.empty() ? std::filesystem::current_path() : settings.output;
    // Free space is measured on the directory itself once it exists, else on its nearest parent.
    while (!probe.output_dir.empty() && !std::filesystem::exists(probe.output_dir) &&
           probe.output_dir.has_parent_path() && probe.output_dir != probe.output_dir.parent_path()) {
        probe.output_dir = probe.output_dir.parent_path();
    }
    ResourcePlan plan;
    plan.system = engine::detect_system_resources(probe);
    engine::SizingRequest request;
    request.workers = settings.workers;
    request.chunk_rows = settings.chunk_rows;
    request.memory_budget_bytes = settings.memory_budget_bytes;
    plan.sizing = engine::choose_sizing(plan.system, request);
    return plan;
}

std::string describe_plan(const ResourcePlan& plan) { return engine::render_system_info(plan.system, plan.sizing); }

}  // namespace mdp::app
