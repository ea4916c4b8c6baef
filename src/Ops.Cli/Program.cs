// Placeholder entry point: the skeleton's Ops.Cli had no Main, so nothing that references it
// (tests/Ops.Tla.Tests) could build. The real command-line front end replaces this file.
Console.Error.WriteLine("ops: the command-line front end is not implemented yet");
return Ops.Tla.ExitCodes.SystemError;
