// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apireply.h"
#include "core/api/flow.h"
#include "core/api/paginator.h"
#include "core/api/registeredapi.h"
#include "core/api/run.h"
#include "core/api/webinput.h"

// The typed reply and paginator of every Flows call, by name.
namespace Flowdeck::Core {

using FlowReply = TypedReply<Flow>;
using FlowPageReply = TypedReply<Page<Flow>>;
using FlowValidationReply = TypedReply<FlowValidation>;
using RunReply = TypedReply<Run>;
using RunPageReply = TypedReply<Page<Run>>;
using RunLogPageReply = TypedReply<Page<RunLogEntry>>;
using RunDefinitionReply = TypedReply<RunDefinition>;
using RunValidationReply = TypedReply<RunValidation>;
using RegisteredApiReply = TypedReply<RegisteredApi>;
using RegisteredApiPageReply = TypedReply<Page<RegisteredApi>>;
using WebInputReply = TypedReply<WebInput>;
using WebInputPageReply = TypedReply<Page<WebInputSummary>>;

using FlowPaginator = Paginator<Flow>;
using RunPaginator = Paginator<Run>;
using RunLogPaginator = Paginator<RunLogEntry>;
using RegisteredApiPaginator = Paginator<RegisteredApi>;
using WebInputPaginator = Paginator<WebInputSummary>;

} // namespace Flowdeck::Core
