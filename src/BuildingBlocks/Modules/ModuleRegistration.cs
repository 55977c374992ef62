using System.Reflection;

namespace Schakel.BuildingBlocks.Modules;

/// <summary>
/// What the host knows of a module once its <c>Add...</c> door has run: its name, the database
/// schema that holds its documents, and its assembly (for endpoint, page and handler discovery).
/// </summary>
public sealed record ModuleRegistration(string Name, string Schema, Assembly Assembly);
