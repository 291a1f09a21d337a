// The edge's helpers lived in Aicq.Edge.Tests/Support and were compiled into other test projects from there.
// They are here now (namespace Aicq.Testing.Edge, a global using of every test project); this keeps a leftover
// `using Aicq.Edge.Tests.Support;` compiling in the projects that had borrowed them.
namespace Aicq.Edge.Tests.Support;

internal static class FormerNamespace;
