global using Ops.Aws.Checks;
