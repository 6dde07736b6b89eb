#include "registry/partition_registry.h"

#include <gtest/gtest.h>

#include <limits>

#include <cmath>
#include <random>

#include "common/errors.h"
#include "registry/journal_framing.h"
#include "registry_test_util.h"

namespace mdp::registry {
namespace {

using namespace test;
using nlohmann::json;
using std::chrono::seconds;

const InputCountsMap kInputs{{"orders", {1000, 64000}}, {"trades", {200, 9000}}};

// A registry with a bit of everything: several statuses, errors, results, facts.
void populate(PartitionRegistry& reg) {
    reg.set_input_files({InputFingerprint{"orders", "/data/orders.csv", 123, 456, "00112233445566778899aabbccddeeff"},
                         InputFingerprint{"trades", "/data/trades.csv", 789, 1011, ""}},
                        at_ms(1'700'000'000'000));
    reg.set_settings(json{{"window_ms", 500}, {"venues", {"X", "Y"}}}, at_ms(1'700'000'000'001));
    reg.set_extraction_progress(json{{"orders_offset", 12345}, {"done", false}},
                                at_ms(1'700'000'000'002));
    for (SecurityCode sec : {30U, 10U, 20U}) {
        for (const char* date : {"2024-01-03", "2024-01-02"}) {
            reg.upsert(key(date, sec),
                       {{"orders", {static_cast<int64_t>(sec), 100 * static_cast<int64_t>(sec)}},
                        {"trades", {1, 2}},
                        {"nbbo", {3, 4}}},
                       at_ms(1'700'000'001'000));
        }
    }
    reg.mark_running(key("2024-01-02", 10), at_ms(1'700'000'002'000));
    reg.mark_completed(key("2024-01-02", 10), {{"matched", 7}, {"unmatched", -1}},
                       std::chrono::duration<double>(1.25), at_ms(1'700'000'003'250));
    reg.mark_running(key("2024-01-02", 20), at_ms(1'700'000'004'000));
    reg.mark_failed(key("2024-01-02", 20), "boom: \"quoted\"\nsecond line\ttab",
                    at_ms(1'700'000'004'500));
    reg.mark_running(key("2024-01-03", 30), at_ms(1'700'000'005'000));
}

TEST(PartitionRegistry, EmptyDirectoryLoadsAsAnEmptyRegistry) {
    const auto dir = scratch("empty");
    PartitionRegistry reg(PartitionRegistry::path_in(dir));
    EXPECT_FALSE(reg.load());
    EXPECT_TRUE(reg.loaded());
    EXPECT_EQ(reg.size(), 0U);
    EXPECT_FALSE(reg.created_at().has_value());
    EXPECT_TRUE(reg.settings().is_object());
    EXPECT_FALSE(fs::exists(reg.snapshot_path()));
    reg.save();
    EXPECT_TRUE(fs::exists(dir / "partition_registry.json"));
    PartitionRegistry again(PartitionRegistry::path_in(dir));
    EXPECT_TRUE(again.load());
    EXPECT_EQ(again.size(), 0U);
    EXPECT_TRUE(again.created_at().has_value());
}

TEST(PartitionRegistry, UpdatesBeforeLoadAreRefused) {
    const auto dir = scratch("not_loaded");
    PartitionRegistry reg(PartitionRegistry::path_in(dir));
    EXPECT_THROW(reg.upsert(key("2024-01-02", 1), kInputs), std::logic_error);
    EXPECT_THROW(reg.save(), std::logic_error);
}

TEST(PartitionRegistry, EveryFieldRoundTripsThroughTheSnapshot) {
    const auto dir = scratch("round_trip_snapshot");
    State expected;
    {
        PartitionRegistry reg(PartitionRegistry::path_in(dir));
        reg.load();
        populate(reg);
        expected = state_of(reg);
        reg.save();
        EXPECT_FALSE(fs::exists(reg.journal_path()));
    }
    PartitionRegistry reg(PartitionRegistry::path_in(dir));
    ASSERT_TRUE(reg.load());
    EXPECT_EQ(state_of(reg), expected);
    EXPECT_EQ(reg.generation(), 1U);
    EXPECT_EQ(reg.created_at(), at_ms(1'700'000'000'000));
    EXPECT_EQ(reg.updated_at(), at_ms(1'700'000'005'000));

    const auto completed = reg.find(key("2024-01-02", 10));
    ASSERT_TRUE(completed);
    EXPECT_EQ(completed->status, PartitionStatus::kCompleted);
    EXPECT_EQ(completed->attempts, 1U);
    EXPECT_EQ(completed->started_at, at_ms(1'700'000'002'000));
    EXPECT_EQ(completed->completed_at, at_ms(1'700'000'003'250));
    EXPECT_DOUBLE_EQ(completed->duration_sec, 1.25);
    EXPECT_EQ(completed->results, (ResultCounts{{"matched", 7}, {"unmatched", -1}}));
    EXPECT_EQ(completed->inputs.at("orders"), (InputCounts{10, 1000}));
    EXPECT_EQ(completed->inputs.size(), 3U);
    EXPECT_TRUE(completed->last_error.empty());

    const auto failed = reg.find(key("2024-01-02", 20));
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->status, PartitionStatus::kFailed);
    EXPECT_EQ(failed->last_error, "boom: \"quoted\" second line tab");
    EXPECT_FALSE(failed->completed_at.has_value());
    EXPECT_DOUBLE_EQ(failed->duration_sec, 0.5);

    const auto running = reg.find(key("2024-01-03", 30));
    ASSERT_TRUE(running);
    EXPECT_EQ(running->status, PartitionStatus::kRunning);
    EXPECT_EQ(running->started_at, at_ms(1'700'000'005'000));

    const auto pending = reg.find(key("2024-01-03", 20));
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending->status, PartitionStatus::kPending);
    EXPECT_EQ(pending->attempts, 0U);
    EXPECT_FALSE(pending->started_at.has_value());

    ASSERT_EQ(reg.input_files().size(), 2U);
    EXPECT_EQ(reg.input_files()[0],
              (InputFingerprint{"orders", "/data/orders.csv", 123, 456, "00112233445566778899aabbccddeeff"}));
    EXPECT_EQ(reg.settings(), (json{{"window_ms", 500}, {"venues", {"X", "Y"}}}));
    EXPECT_EQ(reg.extraction_progress(), (json{{"orders_offset", 12345}, {"done", false}}));
}

TEST(PartitionRegistry, EveryFieldRoundTripsThroughTheJournalAlone) {
    const auto dir = scratch("round_trip_journal");
    State expected;
    {
        PartitionRegistry reg(PartitionRegistry::path_in(dir));
        reg.load();
        populate(reg);
        // put() journals a whole entry; give it every field.
        PartitionEntry whole;
        whole.key = key("2023-12-29", 99);
        whole.status = PartitionStatus::kFailed;
        whole.inputs = {{"orders", {5, 6}}};
        whole.attempts = 4;
        whole.last_error = "remote worker died";
        whole.started_at = at_ms(1'600'000'000'123);
        whole.completed_at = at_ms(1'600'000'000'456);
        whole.duration_sec = 0.333;
        whole.results = {{"x", 1}};
        reg.put(whole, at_ms(1'700'000'006'000));
        expected = state_of(reg);
        reg.flush();
        EXPECT_FALSE(fs::exists(reg.snapshot_path()));
        EXPECT_TRUE(fs::exists(reg.journal_path()));
    }
    PartitionRegistry reg(PartitionRegistry::path_in(dir));
    ASSERT_TRUE(reg.load());
    EXPECT_EQ(state_of(reg), expected);
    EXPECT_EQ(reg.generation(), 0U);
    EXPECT_GT(reg.journal_records(), 10U);
    EXPECT_EQ(reg.created_at(), at_ms(1'700'000'000'000));
    EXPECT_EQ(reg.updated_at(), at_ms(1'700'000'006'000));
    const auto whole = reg.find(key("2023-12-29", 99));
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->attempts, 4U);
    EXPECT_EQ(whole->completed_at, at_ms(1'600'000'000'456));
}

TEST(PartitionRegistry, JournalIsReplayedOntoTheSnapshot) {
    const auto dir = scratch("replay");
    State expected;
    uint64_t journal_size_after_one_update = 0;
    {
        PartitionRegistry reg(PartitionRegistry::path_in(dir));
        reg.load();
        populate(reg);
        reg.save();
        const uint64_t snapshot_size = fs::file_size(reg.snapshot_path());
        reg.mark_completed(key("2024-01-03", 30), {{"matched", 1}}, seconds(2),
                           at_ms(1'700'000'010'000));
        reg.flush();
        journal_size_after_one_update = fs::file_size(reg.journal_path());
        reg.reset_failed(at_ms(1'700'000'011'000));
        reg.mark_running(key("2024-01-02", 20), at_ms(1'700'000'012'000));
        reg.flush();
        // The snapshot was not rewritten by the updates.
        EXPECT_EQ(fs::file_size(reg.snapshot_path()), snapshot_size);
        expected = state_of(reg);
    }
    // An update costs a line of journal, not a snapshot.
    EXPECT_LT(journal_size_after_one_update, 400U);
    PartitionRegistry reg(PartitionRegistry::path_in(dir));
    ASSERT_TRUE(reg.load());
    EXPECT_EQ(state_of(reg), expected);
    EXPECT_EQ(reg.generation(), 1U);
    EXPECT_EQ(reg.journal_records(), 3U);
    // Attempts were counted once per mark_running: reset_failed zeroed them, then one more.
    EXPECT_EQ(reg.find(key("2024-01-02", 20))->attempts, 1U);
    EXPECT_EQ(reg.find(key("2024-01-02", 20))->status, PartitionStatus::kRunning);
}

// Writes a registry whose journal ends with the record of `last_update`, and returns the
// journal's bytes before and after that record with the states they must load to.
struct TailCase {
    fs::path dir;
    std::string journal_before;
    std::string journal_after;
    State before;
    State after;
};

template <typename Update>
TailCase make_tail_case(const std::string& name, Update last_update) {
    TailCase c;
    c.dir = scratch(name);
    PartitionRegistry reg(PartitionRegistry::path_in(c.dir));
    reg.load();
    populate(reg);
    reg.save();
    reg.mark_running(key("2024-01-03", 10), at_ms(1'700'000'020'000));
    reg.flush();
    c.before = state_of(reg);
    c.journal_before = slurp(reg.journal_path());
    last_update(reg);
    reg.flush();
    c.after = state_of(reg);
    c.journal_after = slurp(reg.journal_path());
    return c;
}

void check_every_truncation(const TailCase& c) {
    ASSERT_TRUE(c.journal_after.starts_with(c.journal_before));
    ASSERT_GT(c.journal_after.size(), c.journal_before.size());
    ASSERT_NE(c.before, c.after);
    const fs::path snapshot = PartitionRegistry::path_in(c.dir);
    const fs::path journal = fs::path(snapshot).replace_extension(".journal");
    for (size_t cut = c.journal_before.size(); cut <= c.journal_after.size(); ++cut) {
        spit(journal, c.journal_after.substr(0, cut));
        const State loaded = load_state(snapshot);
        if (cut == c.journal_after.size()) {
            EXPECT_EQ(loaded, c.after) << "journal cut at byte " << cut;
        } else {
            EXPECT_EQ(loaded, c.before) << "journal cut at byte " << cut;
        }
    }
}

TEST(PartitionRegistry, TornLastRecordLoadsAsBeforeOrAfterIt_Completed) {
    const auto c = make_tail_case("torn_completed", [](PartitionRegistry& reg) {
        reg.mark_completed(key("2024-01-03", 10), {{"matched", 123456}, {"unmatched", 7}},
                           std::chrono::duration<double>(12.5), at_ms(1'700'000'030'000));
    });
    check_every_truncation(c);
}

TEST(PartitionRegistry, TornLastRecordLoadsAsBeforeOrAfterIt_Failed) {
    const auto c = make_tail_case("torn_failed", [](PartitionRegistry& reg) {
        reg.mark_failed(key("2024-01-03", 10), "disk full\nat line 3", at_ms(1'700'000'030'000));
    });
    check_every_truncation(c);
}

TEST(PartitionRegistry, TornLastRecordLoadsAsBeforeOrAfterIt_Put) {
    const auto c = make_tail_case("torn_put", [](PartitionRegistry& reg) {
        auto entry = *reg.find(key("2024-01-02", 10));
        entry.attempts = 9;
        entry.results["late"] = 5;
        reg.put(entry, at_ms(1'700'000'030'000));
    });
    check_every_truncation(c);
}

TEST(PartitionRegistry, UpdatesAfterATornTailAreKept) {
    const auto c = make_tail_case("torn_then_update", [](PartitionRegistry& reg) {
        reg.mark_completed(key("2024-01-03", 10), {{"matched", 1}}, seconds(1),
                           at_ms(1'700'000'030'000));
    });
    const fs::path snapshot = PartitionRegistry::path_in(c.dir);
    const fs::path journal = fs::path(snapshot).replace_extension(".journal");
    spit(journal, c.journal_after.substr(0, c.journal_after.size() - 7));
    State expected;
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        EXPECT_EQ(state_of(reg), c.before);
        reg.mark_failed(key("2024-01-03", 10), "second try failed", at_ms(1'700'000'040'000));
        reg.flush();
        expected = state_of(reg);
    }
    EXPECT_EQ(load_state(snapshot), expected);
    EXPECT_EQ(PartitionRegistry(snapshot).load(), true);
}

TEST(PartitionRegistry, GarbageAfterTheJournalIsIgnoredAndCutOffBeforeAppending) {
    const auto dir = scratch("garbage");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    State expected;
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        populate(reg);
        reg.flush();
        expected = state_of(reg);
    }
    const fs::path journal = fs::path(snapshot).replace_extension(".journal");
    const std::string clean = slurp(journal);

    // A record with a wrong checksum, one with a wrong length, random bytes, zeros.
    std::string bad_crc;
    append_framed_record(bad_crc, R"({"op":"reset_failed","at":"2024-01-01T00:00:00.000Z"})");
    bad_crc[9] = bad_crc[9] == '0' ? '1' : '0';
    std::string bad_len;
    append_framed_record(bad_len, R"({"op":"clear","at":"2024-01-01T00:00:00.000Z"})");
    const size_t len_digit = bad_len.find("\"len\":") + 6;
    bad_len[len_digit] = bad_len[len_digit] == '9' ? '8' : '9';
    std::mt19937 rng(7);
    std::string noise;
    for (int i = 0; i < 300; ++i) noise += static_cast<char>(rng() & 0xFF);
    const std::string zeros(4096, '\0');
    std::string valid_after_garbage;
    append_framed_record(valid_after_garbage, R"({"op":"clear","at":"2024-01-01T00:00:00.000Z"})");

    for (const std::string& garbage :
         {bad_crc, bad_len, noise, zeros, "\n\n\n" + bad_crc, noise + "\n" + valid_after_garbage}) {
        spit(journal, clean + garbage);
        EXPECT_EQ(load_state(snapshot), expected);
    }

    // Appending after garbage: the garbage is cut off first, so the new record is reachable.
    spit(journal, clean + noise);
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        reg.reset_interrupted(at_ms(1'700'000'050'000));
        reg.flush();
        expected = state_of(reg);
    }
    EXPECT_EQ(expected.counts[static_cast<size_t>(PartitionStatus::kRunning)], 0U);
    EXPECT_EQ(load_state(snapshot), expected);
    EXPECT_EQ(slurp(journal).find(noise), std::string::npos);
}

TEST(PartitionRegistry, CrashBeforeTheNewSnapshotIsRenamedLosesNothing) {
    const auto dir = scratch("crash_temp_snapshot");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    State expected;
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        populate(reg);
        reg.save();
        reg.mark_completed(key("2024-01-03", 30), {{"matched", 3}}, seconds(1),
                           at_ms(1'700'000'060'000));
        reg.flush();
        expected = state_of(reg);
    }
    // Step 1 interrupted: a half-written temporary snapshot of the next generation.
    const std::string full = slurp(snapshot);
    const fs::path temp = fs::path(snapshot) += ".tmp.99999";
    spit(temp, full.substr(0, full.size() / 2));
    {
        PartitionRegistry reg(snapshot);
        ASSERT_TRUE(reg.load());
        EXPECT_EQ(state_of(reg), expected);
        EXPECT_EQ(reg.generation(), 1U);
        EXPECT_EQ(reg.journal_records(), 1U);
        reg.save();  // the next compaction removes the leftover
        EXPECT_EQ(reg.generation(), 2U);
    }
    EXPECT_FALSE(fs::exists(temp));
    EXPECT_EQ(load_state(snapshot), expected);
}

TEST(PartitionRegistry, CrashAfterTheSnapshotRenameNeverReplaysTheOldJournal) {
    const auto dir = scratch("crash_stale_journal");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    const fs::path journal = fs::path(snapshot).replace_extension(".journal");
    State expected;
    std::string old_journal;
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        populate(reg);
        reg.save();
        // Non-idempotent updates: replaying them twice would count attempts twice.
        reg.mark_running(key("2024-01-03", 20), at_ms(1'700'000'070'000));
        reg.mark_failed(key("2024-01-03", 20), "first", at_ms(1'700'000'071'000));
        reg.mark_running(key("2024-01-03", 20), at_ms(1'700'000'072'000));
        reg.flush();
        old_journal = slurp(journal);
        reg.compact();
        expected = state_of(reg);
        EXPECT_EQ(reg.generation(), 2U);
        EXPECT_FALSE(fs::exists(journal));
    }
    EXPECT_EQ(expected.entries.size(), 6U);
    // Step 2 interrupted: the new snapshot is in place but the old journal was not removed.
    spit(journal, old_journal);
    {
        PartitionRegistry reg(snapshot);
        ASSERT_TRUE(reg.load());
        EXPECT_EQ(state_of(reg), expected);
        EXPECT_EQ(reg.find(key("2024-01-03", 20))->attempts, 2U);
        EXPECT_EQ(reg.journal_records(), 0U);
        // The next update starts a journal of the new generation instead of appending.
        reg.mark_completed(key("2024-01-03", 20), {{"matched", 4}}, seconds(3),
                           at_ms(1'700'000'073'000));
        reg.flush();
        expected = state_of(reg);
    }
    EXPECT_EQ(load_state(snapshot), expected);
    EXPECT_EQ(slurp(journal).find("\"op\":\"running\""), std::string::npos);
}

TEST(PartitionRegistry, AJournalWithATornHeaderIsIgnoredAndReplaced) {
    const auto dir = scratch("torn_header");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    const fs::path journal = fs::path(snapshot).replace_extension(".journal");
    State expected;
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        populate(reg);
        reg.save();
        expected = state_of(reg);
        reg.mark_running(key("2024-01-03", 20), at_ms(1'700'000'080'000));
        reg.flush();
    }
    const std::string full = slurp(journal);
    const size_t header_end = full.find('\n') + 1;
    for (size_t cut = 0; cut < header_end; cut += 5) {
        spit(journal, full.substr(0, cut));
        EXPECT_EQ(load_state(snapshot), expected) << "cut at " << cut;
    }
    PartitionRegistry reg(snapshot);
    reg.load();
    reg.mark_running(key("2024-01-03", 10), at_ms(1'700'000'081'000));
    reg.flush();
    EXPECT_EQ(load_state(snapshot), state_of(reg));
}

// Saves populate()'s registry as a snapshot; returns its state and generation (as text).
std::pair<State, std::string> save_populated(const fs::path& snapshot) {
    PartitionRegistry reg(snapshot);
    reg.load();
    populate(reg);
    reg.save();
    return {state_of(reg), std::to_string(reg.generation())};
}

// Found while writing registry_journal_fuzz (and reproduced with it): a header with a valid
// checksum but a mistyped "op" or "format" made load() throw nlohmann's type_error instead of
// treating it as no header.
TEST(PartitionRegistry, AJournalHeaderWithMistypedFieldsIsIgnoredLikeATornOne) {
    const auto dir = scratch("mistyped_header");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    const fs::path journal = fs::path(snapshot).replace_extension(".journal");
    const auto [expected, generation] = save_populated(snapshot);
    for (const std::string fields : {R"("op":"journal","format":"1")", R"("op":7,"format":1)",
                                     R"("op":"journal","format":-1)"}) {
        const std::string header = "{" + fields + ",\"generation\":" + generation + "}";
        std::string bytes;
        append_framed_record(bytes, header);
        append_framed_record(bytes, R"({"op":"clear","at":"2024-01-01T00:00:00.000Z"})");
        spit(journal, bytes);
        EXPECT_EQ(load_state(snapshot), expected) << header;
    }
}

TEST(PartitionRegistry, AJournalNewerThanTheSnapshotIsAnError) {
    const auto dir = scratch("journal_ahead");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        populate(reg);
        reg.save();
        reg.mark_running(key("2024-01-03", 20), at_ms(1'700'000'080'000));
        reg.flush();
    }
    fs::remove(snapshot);
    PartitionRegistry reg(snapshot);
    try {
        reg.load();
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("newer than the snapshot"), std::string::npos)
            << e.what();
    }
    EXPECT_FALSE(reg.loaded());
}

TEST(PartitionRegistry, ANewerFormatOrACorruptSnapshotIsAnError) {
    const auto dir = scratch("bad_snapshot");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        populate(reg);
        reg.save();
    }
    std::string text = slurp(snapshot);
    const std::string future =
        std::string(text).replace(text.find("\"format\":1"), 10, "\"format\":2");
    spit(snapshot, future);
    try {
        PartitionRegistry(snapshot).load();
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("newer version"), std::string::npos) << e.what();
    }
    spit(snapshot, text.substr(0, text.size() - 10));
    EXPECT_THROW(PartitionRegistry(snapshot).load(), InputError);
    const std::string bad_status =
        std::string(text).replace(text.find("\"status\":\"pending\""), 18, "\"status\":\"weird\"");
    spit(snapshot, bad_status);
    try {
        PartitionRegistry(snapshot).load();
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("weird"), std::string::npos) << e.what();
    }
    EXPECT_THROW(PartitionRegistry(dir).load(), InputError);  // a directory
}

// Found by registry_snapshot_fuzz: a time outside what a TimePoint holds loaded, then overflowed
// when the entry was read back (undefined behaviour); it is now a bad snapshot or journal.
TEST(PartitionRegistry, ATimeOutsideTheClocksRangeIsAnError) {
    const auto dir = scratch("time_range");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    const fs::path journal = fs::path(snapshot).replace_extension(".journal");
    const std::string generation = save_populated(snapshot).second;
    const std::string text = slurp(snapshot);
    const size_t started = text.find("\"started_at\":\"");
    ASSERT_NE(started, std::string::npos);
    spit(snapshot, std::string(text).replace(started + 14, 4, "1012"));
    EXPECT_THROW(PartitionRegistry(snapshot).load(), InputError);

    spit(snapshot, text);
    std::string bytes;
    append_framed_record(bytes, R"({"op":"journal","format":1,"generation":)" + generation + "}");
    append_framed_record(bytes, R"({"op":"reset_failed","at":"2263-01-01T00:00:00.000Z"})");
    spit(journal, bytes);
    EXPECT_THROW(PartitionRegistry(snapshot).load(), InputError);
}

TEST(PartitionRegistry, SnapshotIsPlainJsonWithTheDocumentedFields) {
    const auto dir = scratch("format");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        populate(reg);
        reg.save();
    }
    const json doc = json::parse(slurp(snapshot));
    EXPECT_EQ(doc.at("format"), 1);
    EXPECT_EQ(doc.at("generation"), 1);
    EXPECT_EQ(doc.at("summary").at("total"), 6);
    EXPECT_EQ(doc.at("summary").at("completed"), 1);
    EXPECT_EQ(doc.at("summary").at("failed"), 1);
    EXPECT_EQ(doc.at("summary").at("running"), 1);
    EXPECT_EQ(doc.at("summary").at("pending"), 3);
    EXPECT_EQ(doc.at("input_files").size(), 2U);
    EXPECT_EQ(doc.at("input_files")[0].at("content_hash"), "00112233445566778899aabbccddeeff");
    const json& partitions = doc.at("partitions");
    ASSERT_EQ(partitions.size(), 6U);
    // Key order: date, then security.
    EXPECT_EQ(partitions[0].at("key"), "2024-01-02/10");
    EXPECT_EQ(partitions[1].at("key"), "2024-01-02/20");
    EXPECT_EQ(partitions[3].at("key"), "2024-01-03/10");
    const json& done = partitions[0];
    EXPECT_EQ(done.at("date"), "2024-01-02");
    EXPECT_EQ(done.at("security"), 10);
    EXPECT_EQ(done.at("status"), "completed");
    EXPECT_EQ(done.at("attempts"), 1);
    EXPECT_EQ(done.at("inputs").at("orders").at("rows"), 10);
    EXPECT_EQ(done.at("inputs").at("orders").at("bytes"), 1000);
    EXPECT_EQ(done.at("results").at("matched"), 7);
    EXPECT_EQ(done.at("started_at"), "2023-11-14T22:13:22.000Z");
    EXPECT_EQ(done.at("completed_at"), "2023-11-14T22:13:23.250Z");
    EXPECT_EQ(done.at("duration_sec"), 1.25);
    EXPECT_TRUE(done.at("last_error").is_null());
    EXPECT_TRUE(partitions[2].at("started_at").is_null());
}

TEST(PartitionRegistry, ResetFailedMakesFailedPendingWithFreshAttempts) {
    const auto dir = scratch("reset_failed");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    State expected;
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        populate(reg);
        reg.mark_running(key("2024-01-03", 10), at_ms(1'700'000'090'000));
        reg.mark_failed(key("2024-01-03", 10), "again", at_ms(1'700'000'091'000));
        ASSERT_EQ(reg.count(PartitionStatus::kFailed), 2U);
        EXPECT_EQ(reg.reset_failed(), 2U);
        EXPECT_EQ(reg.count(PartitionStatus::kFailed), 0U);
        EXPECT_EQ(reg.count(PartitionStatus::kPending), 4U);
        const auto reset = reg.find(key("2024-01-02", 20));
        EXPECT_EQ(reset->status, PartitionStatus::kPending);
        EXPECT_EQ(reset->attempts, 0U);
        EXPECT_EQ(reset->last_error, "boom: \"quoted\" second line tab");  // kept as history
        // Others untouched.
        EXPECT_EQ(reg.find(key("2024-01-02", 10))->status, PartitionStatus::kCompleted);
        EXPECT_EQ(reg.find(key("2024-01-03", 30))->status, PartitionStatus::kRunning);
        const uint64_t records = reg.journal_records();
        EXPECT_EQ(reg.reset_failed(), 0U);
        EXPECT_EQ(reg.journal_records(), records);  // nothing to journal
        reg.flush();
        expected = state_of(reg);
    }
    EXPECT_EQ(load_state(snapshot), expected);
}

TEST(PartitionRegistry, ResetInterruptedMakesRunningPendingAndKeepsAttempts) {
    const auto dir = scratch("reset_interrupted");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        populate(reg);
        reg.mark_running(key("2024-01-03", 10), at_ms(1'700'000'090'000));
        reg.flush();
    }  // "crash": two partitions were running
    PartitionRegistry reg(snapshot);
    reg.load();
    ASSERT_EQ(reg.count(PartitionStatus::kRunning), 2U);
    EXPECT_EQ(reg.reset_interrupted(), 2U);
    EXPECT_EQ(reg.count(PartitionStatus::kRunning), 0U);
    const auto entry = reg.find(key("2024-01-03", 30));
    EXPECT_EQ(entry->status, PartitionStatus::kPending);
    EXPECT_EQ(entry->attempts, 1U);
    EXPECT_EQ(reg.find(key("2024-01-02", 20))->status, PartitionStatus::kFailed);
    reg.save();
    EXPECT_EQ(load_state(snapshot), state_of(reg));
}

TEST(PartitionRegistry, QueriesReturnKeysInKeyOrder) {
    const auto dir = scratch("queries");
    PartitionRegistry reg(PartitionRegistry::path_in(dir));
    reg.load();
    std::vector<PartitionKey> all;
    for (const char* date : {"2024-02-01", "2024-01-31", "2024-02-02"}) {
        for (SecurityCode sec : {5U, 100U, 7U, 1U}) all.push_back(key(date, sec));
    }
    std::mt19937 rng(3);
    std::shuffle(all.begin(), all.end(), rng);
    for (const auto& k : all) reg.upsert(k, kInputs);
    std::sort(all.begin(), all.end());
    EXPECT_EQ(reg.keys(), all);

    reg.mark_running(key("2024-02-01", 7), at_ms(1000));
    reg.mark_failed(key("2024-02-01", 7), "x", at_ms(2000));
    reg.mark_running(key("2024-01-31", 100), at_ms(1000));
    reg.mark_failed(key("2024-01-31", 100), "y", at_ms(2000));
    reg.mark_running(key("2024-02-02", 1), at_ms(1000));

    EXPECT_EQ(reg.keys(PartitionFilter().with_status(PartitionStatus::kFailed)),
              (std::vector<PartitionKey>{key("2024-01-31", 100), key("2024-02-01", 7)}));
    EXPECT_EQ(reg.keys(PartitionFilter().on_date(*CivilDate::parse("2024-02-01"))),
              (std::vector<PartitionKey>{key("2024-02-01", 1), key("2024-02-01", 5),
                                         key("2024-02-01", 7), key("2024-02-01", 100)}));
    EXPECT_EQ(reg.keys(PartitionFilter().for_security(7)),
              (std::vector<PartitionKey>{key("2024-01-31", 7), key("2024-02-01", 7),
                                         key("2024-02-02", 7)}));
    EXPECT_EQ(reg.keys(PartitionFilter()
                           .with_status(PartitionStatus::kPending)
                           .on_date(*CivilDate::parse("2024-02-02"))),
              (std::vector<PartitionKey>{key("2024-02-02", 5), key("2024-02-02", 7),
                                         key("2024-02-02", 100)}));
    EXPECT_TRUE(reg.keys(PartitionFilter().on_date(*CivilDate::parse("2024-03-01"))).empty());

    const auto failed = reg.entries(PartitionFilter().with_status(PartitionStatus::kFailed));
    ASSERT_EQ(failed.size(), 2U);
    EXPECT_EQ(failed[0].last_error, "y");
    EXPECT_EQ(failed[1].last_error, "x");

    std::vector<PartitionKey> visited;
    reg.for_each(PartitionFilter().for_security(100),
                 [&](const PartitionEntry& e) { visited.push_back(e.key); });
    EXPECT_EQ(visited, reg.keys(PartitionFilter().for_security(100)));

    EXPECT_FALSE(reg.find(key("2024-02-01", 2)).has_value());
    EXPECT_FALSE(reg.status_of(key("2024-02-01", 2)).has_value());
    EXPECT_EQ(reg.status_of(key("2024-02-02", 1)), PartitionStatus::kRunning);
    EXPECT_TRUE(reg.contains(key("2024-02-02", 1)));

    // New keys after a query keep the order right.
    reg.upsert(key("2024-01-01", 3), kInputs);
    EXPECT_EQ(reg.keys().front(), key("2024-01-01", 3));
}

TEST(PartitionRegistry, SummaryCountsStatusesAndTotals) {
    const auto dir = scratch("summary");
    PartitionRegistry reg(PartitionRegistry::path_in(dir));
    reg.load();
    populate(reg);
    const RegistrySummary s = reg.summary();
    EXPECT_EQ(s.total, 6U);
    EXPECT_EQ(s.count(PartitionStatus::kPending), 3U);
    EXPECT_EQ(s.count(PartitionStatus::kRunning), 1U);
    EXPECT_EQ(s.count(PartitionStatus::kCompleted), 1U);
    EXPECT_EQ(s.count(PartitionStatus::kFailed), 1U);
    EXPECT_EQ(s.attempts, 3U);
    EXPECT_EQ(s.inputs.at("orders"), (InputCounts{2 * (10 + 20 + 30), 2 * (1000 + 2000 + 3000)}));
    EXPECT_EQ(s.inputs.at("nbbo"), (InputCounts{18, 24}));
    EXPECT_EQ(s.results, (ResultCounts{{"matched", 7}, {"unmatched", -1}}));

    reg.mark_running(key("2024-01-03", 10), at_ms(1));
    reg.mark_completed(key("2024-01-03", 10), {{"matched", 3}, {"skipped", 2}}, seconds(1),
                       at_ms(2));
    const RegistrySummary t = reg.summary();
    EXPECT_EQ(t.count(PartitionStatus::kCompleted), 2U);
    EXPECT_EQ(t.count(PartitionStatus::kPending), 2U);
    EXPECT_EQ(t.results, (ResultCounts{{"matched", 10}, {"skipped", 2}, {"unmatched", -1}}));
    EXPECT_EQ(reg.count(PartitionStatus::kCompleted), 2U);
}

TEST(PartitionRegistry, ResultsNamedWithAnAtAreKeptButNeverTotalled) {
    const auto dir = scratch("untotalled");
    PartitionRegistry reg(PartitionRegistry::path_in(dir));
    reg.load();
    constexpr int64_t kBig = std::numeric_limits<int64_t>::max() - 1;  // two would overflow a sum
    for (const SecurityCode security : {SecurityCode{1}, SecurityCode{2}}) {
        reg.upsert(key("2024-01-02", security), kInputs);
        reg.mark_running(key("2024-01-02", security), at_ms(1));
        reg.mark_completed(key("2024-01-02", security), {{"matched", 1}, {"@where", kBig}}, seconds(1), at_ms(2));
    }
    EXPECT_EQ(reg.summary().results, (ResultCounts{{"matched", 2}}));
    EXPECT_EQ(reg.find(key("2024-01-02", 2))->results.at("@where"), kBig);
    reg.save();
    PartitionRegistry again(PartitionRegistry::path_in(dir));
    again.load();
    EXPECT_EQ(again.find(key("2024-01-02", 1))->results.at("@where"), kBig);
}

TEST(PartitionRegistry, MarkRunningCountsAttemptsAndClearsTheLastOutcome) {
    const auto dir = scratch("attempts");
    PartitionRegistry reg(PartitionRegistry::path_in(dir));
    reg.load();
    const auto k = key("2024-05-06", 1);
    EXPECT_TRUE(reg.upsert(k, kInputs));
    EXPECT_FALSE(reg.upsert(k, {{"orders", {1, 2}}}));  // replaces counts only
    EXPECT_EQ(reg.find(k)->inputs, (InputCountsMap{{"orders", {1, 2}}}));
    reg.mark_running(k, at_ms(1000));
    reg.mark_completed(k, {{"matched", 1}}, seconds(1), at_ms(2000));
    reg.mark_running(k, at_ms(3000));
    const auto e = reg.find(k);
    EXPECT_EQ(e->attempts, 2U);
    EXPECT_EQ(e->status, PartitionStatus::kRunning);
    EXPECT_TRUE(e->results.empty());
    EXPECT_FALSE(e->completed_at.has_value());
    EXPECT_EQ(e->started_at, at_ms(3000));
    reg.mark_failed(k, "x", at_ms(3500));
    reg.mark_running(k, at_ms(4000));
    EXPECT_EQ(reg.find(k)->last_error, "x");  // kept while retrying
    reg.mark_completed(k, {}, seconds(0), at_ms(5000));
    EXPECT_TRUE(reg.find(k)->last_error.empty());
    EXPECT_EQ(reg.find(k)->attempts, 3U);
    EXPECT_EQ(reg.find(k)->inputs, (InputCountsMap{{"orders", {1, 2}}}));
}

TEST(PartitionRegistry, BadArgumentsAreRejectedWithoutChangingAnything) {
    const auto dir = scratch("bad_args");
    PartitionRegistry reg(PartitionRegistry::path_in(dir));
    reg.load();
    const auto k = key("2024-05-06", 1);
    reg.upsert(k, kInputs);
    const State before = state_of(reg);
    const uint64_t records = reg.journal_records();
    EXPECT_THROW(reg.mark_running(key("2024-05-07", 1), at_ms(1)), std::out_of_range);
    EXPECT_THROW(reg.upsert(k, {{"", {1, 1}}}), std::invalid_argument);
    EXPECT_THROW(reg.upsert(k, {{"orders", {-1, 1}}}), std::invalid_argument);
    EXPECT_THROW(reg.upsert(k, {{"bad\xff", {1, 1}}}), std::invalid_argument);
    EXPECT_THROW(reg.mark_completed(k, {}, std::chrono::duration<double>(-1), at_ms(1)),
                 std::invalid_argument);
    EXPECT_THROW(reg.mark_completed(k, {}, std::chrono::duration<double>(NAN), at_ms(1)),
                 std::invalid_argument);
    EXPECT_THROW(reg.set_settings(json::array()), std::invalid_argument);
    EXPECT_THROW(reg.upsert(PartitionKey{CivilDate{2024, 2, 30}, 1}, kInputs),
                 std::invalid_argument);
    EXPECT_EQ(state_of(reg), before);
    EXPECT_EQ(reg.journal_records(), records);
}

TEST(PartitionRegistry, ErrorsAreStoredAsOneCappedLine) {
    const auto dir = scratch("errors");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    PartitionRegistry reg(snapshot);
    reg.load();
    const auto k = key("2024-05-06", 1);
    reg.upsert(k, kInputs);
    std::string dump = "std::runtime_error: bad row\n";
    for (int i = 0; i < 200; ++i) dump += "  #" + std::to_string(i) + " frame in \xce\xbb()\r\n";
    reg.mark_failed(k, dump, at_ms(1));
    const std::string stored = reg.find(k)->last_error;
    EXPECT_LE(stored.size(), kMaxErrorLength);
    EXPECT_EQ(stored.find('\n'), std::string::npos);
    EXPECT_EQ(stored.find('\r'), std::string::npos);
    EXPECT_TRUE(stored.starts_with("std::runtime_error: bad row #0 frame in \xce\xbb() #1"));
    EXPECT_TRUE(stored.ends_with("..."));
    reg.mark_failed(k, "\n\n", at_ms(2));
    EXPECT_FALSE(reg.find(k)->last_error.empty());
    reg.save();
    EXPECT_EQ(load_state(snapshot), state_of(reg));
}

TEST(PartitionRegistry, FlushCompactsAutomaticallyOnceTheJournalOutgrowsTheSnapshot) {
    const auto dir = scratch("auto_compact");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    PartitionRegistry::Options options;
    options.compact_min_journal_bytes = 4096;
    options.compact_journal_ratio = 0.5;
    State expected;
    uint64_t compactions = 0;
    {
        PartitionRegistry reg(snapshot, options);
        reg.load();
        for (SecurityCode sec = 1; sec <= 40; ++sec) reg.upsert(key("2024-01-02", sec), kInputs);
        reg.save();
        uint64_t generation = reg.generation();
        for (int round = 0; round < 20; ++round) {
            for (SecurityCode sec = 1; sec <= 40; ++sec) {
                reg.mark_running(key("2024-01-02", sec), at_ms(round * 1000));
                reg.mark_completed(key("2024-01-02", sec), {{"matched", round}}, seconds(1),
                                   at_ms(round * 1000 + 500));
            }
            reg.flush();
            EXPECT_LE(reg.journal_bytes(), std::max<uint64_t>(4096, reg.snapshot_bytes() / 2) + 1);
            if (reg.generation() != generation) ++compactions;
            generation = reg.generation();
        }
        expected = state_of(reg);
        EXPECT_EQ(reg.find(key("2024-01-02", 7))->attempts, 20U);
    }
    EXPECT_GT(compactions, 2U);
    EXPECT_EQ(load_state(snapshot), expected);
}

TEST(PartitionRegistry, ABigBulkAddGoesToTheNextSnapshotNotTheJournal) {
    const auto dir = scratch("bulk");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    PartitionRegistry::Options options;
    options.compact_min_journal_bytes = 64 * 1024;
    std::vector<PartitionRegistry::NewPartition> batch;
    for (SecurityCode sec = 0; sec < 2000; ++sec) {
        batch.push_back({key("2024-03-04", sec), kInputs});
    }
    {
        PartitionRegistry reg(snapshot, options);
        reg.load();
        reg.upsert(key("2024-03-01", 1), kInputs);
        reg.flush();
        const uint64_t journal_before = reg.journal_bytes();
        EXPECT_EQ(reg.add_partitions(batch), 2000U);
        EXPECT_EQ(reg.size(), 2001U);
        reg.mark_running(key("2024-03-04", 5), at_ms(1));
        EXPECT_EQ(reg.journal_bytes(), journal_before);  // nothing journaled
    }  // dropped before flush(): as after a crash, the batch is not there
    {
        PartitionRegistry reg(snapshot, options);
        reg.load();
        EXPECT_EQ(reg.size(), 1U);
        EXPECT_EQ(reg.add_partitions(batch), 2000U);
        reg.mark_running(key("2024-03-04", 5), at_ms(1));
        reg.flush();  // writes a snapshot
        EXPECT_EQ(reg.generation(), 1U);
        EXPECT_FALSE(fs::exists(reg.journal_path()));
        // A small batch is journaled.
        std::vector<PartitionRegistry::NewPartition> small{{key("2024-03-05", 1), kInputs},
                                                           {key("2024-03-04", 1), {}}};
        EXPECT_EQ(reg.add_partitions(small), 1U);
        reg.flush();
        EXPECT_EQ(reg.generation(), 1U);
        EXPECT_EQ(reg.journal_records(), 2U);
    }
    PartitionRegistry reg(snapshot, options);
    reg.load();
    EXPECT_EQ(reg.size(), 2002U);
    EXPECT_EQ(reg.status_of(key("2024-03-04", 5)), PartitionStatus::kRunning);
    EXPECT_TRUE(reg.find(key("2024-03-04", 1))->inputs.empty());
}

TEST(PartitionRegistry, ClearForgetsEverything) {
    const auto dir = scratch("clear");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        populate(reg);
        reg.save();
        reg.clear();
        EXPECT_EQ(reg.size(), 0U);
        EXPECT_TRUE(reg.input_files().empty());
        reg.upsert(key("2025-01-02", 1), kInputs);
        reg.flush();
    }
    PartitionRegistry reg(snapshot);
    reg.load();
    EXPECT_EQ(reg.keys(), (std::vector<PartitionKey>{key("2025-01-02", 1)}));
    EXPECT_TRUE(reg.settings().empty());
    EXPECT_EQ(reg.count(PartitionStatus::kFailed), 0U);
}

TEST(PartitionRegistry, CompactOnlyWritesWhenThereIsSomethingToFold) {
    const auto dir = scratch("compact_noop");
    PartitionRegistry reg(PartitionRegistry::path_in(dir));
    reg.load();
    populate(reg);
    EXPECT_TRUE(reg.compact());
    EXPECT_EQ(reg.generation(), 1U);
    EXPECT_FALSE(reg.compact());
    EXPECT_EQ(reg.generation(), 1U);
    reg.mark_running(key("2024-01-03", 20), at_ms(1));
    EXPECT_TRUE(reg.compact());
    EXPECT_EQ(reg.generation(), 2U);
}

TEST(PartitionRegistry, DestructionWritesWhatFlushHasNotYetWritten) {
    const auto dir = scratch("destructor");
    const fs::path snapshot = PartitionRegistry::path_in(dir);
    State expected;
    {
        PartitionRegistry reg(snapshot);
        reg.load();
        populate(reg);
        expected = state_of(reg);
        EXPECT_EQ(reg.journal_bytes(), 0U);  // still buffered
    }
    EXPECT_EQ(load_state(snapshot), expected);
}

}  // namespace
}  // namespace mdp::registry
