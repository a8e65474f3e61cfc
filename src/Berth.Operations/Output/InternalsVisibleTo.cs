// The project file is shared; the unit tests reach the formatting and parsing internals through this attribute.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Berth.Operations.Tests")]
