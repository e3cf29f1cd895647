// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Flowdeck::Core::Engine {

class ServiceCore;

// On first start: two local sample collections with a few files, and the sample flows (hello
// world, a two-hop transfer, branching, a caught failure, a mocked compute step, an approval
// through a web input), each with a helpful input schema. Returns false with the store's error.
bool createSampleLibrary(ServiceCore &core);
// The sample collections' ids and directories, once created.
void loadCollections(ServiceCore &core);

} // namespace Flowdeck::Core::Engine
