global using Ops.Domain;
