#pragma once
// Node groups in the document's top-level "ui" object (see PipelineDocument::NodeGroup): the
// JSON edits the document's group functions and raw mutations share.

#include <set>
#include <string>

#include "engine/graph/Json.h"

namespace sc::designer::groupsjson {

// The "groups" array of `ui` (created when missing or not an array).
Json& groupArray(Json& ui);
// Renames a member in every group (a node was renamed).
void renameMember(Json& ui, const std::string& oldId, const std::string& newId);
// Removes members from every group and drops the groups left empty; true when anything changed.
bool removeMembers(Json& ui, const std::set<std::string>& ids);

}  // namespace sc::designer::groupsjson
