using System.Text.Json.Nodes;
using Rtc.Contracts;
using Rtc.Stack.Configuration;
using Rtc.Stack.Packaging;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// A function with its own log group, execution role and inline policy: the role may write to this log group
/// only, plus exactly the grants the function asks for.
/// </summary>
internal static class LambdaFunctionComponent
{
    /// <summary>Declares the function and its log group, role and policy; its code is the stack's packaging for its architecture.</summary>
    public static FunctionResources Declare(StackTemplate template, StackSettings settings, FunctionSpec spec)
    {
        var prefix = spec.HandlerName;
        var logGroup = template.Resource($"{prefix}-logs", "aws:cloudwatch/logGroup:LogGroup", new JsonObject
        {
            ["name"] = "/aws/lambda/" + Naming.Physical(prefix),
            ["retentionInDays"] = settings.LogRetentionDays,
            ["tags"] = Tags.Standard(),
        });

        var role = template.Resource($"{prefix}-role", "aws:iam/role:Role", new JsonObject
        {
            ["name"] = Naming.Physical(prefix),
            ["assumeRolePolicy"] = Policies.TrustService(ServicePrincipals.Lambda),
            ["tags"] = Tags.Standard(),
        });

        var policy = template.Resource($"{prefix}-role-policy", "aws:iam/rolePolicy:RolePolicy", new JsonObject
        {
            ["role"] = role.Name,
            ["policy"] = Policies.Document([Policies.GrantLogWrites(logGroup.Arn), .. spec.Grants]),
        });

        var variables = new JsonObject { [EnvironmentVariables.Handler] = spec.HandlerName };
        foreach (var (name, value) in spec.Environment)
        {
            variables[name] = value?.DeepClone();
        }

        var code = FunctionCode.For(settings.Packaging, settings.Architecture);
        var function = template.Resource($"{prefix}-function", "aws:lambda/function:Function", new JsonObject
        {
            ["name"] = Naming.Physical(prefix),
            ["runtime"] = code.Runtime,
            ["handler"] = code.Handler,
            ["role"] = role.Arn,
            // The packager's own zip: Pulumi uploads a .zip file archive as it is, keeping bootstrap's mode and the fixed bytes.
            ["code"] = Fn.FileArchive(code.ZipPath),
            ["architectures"] = new JsonArray(settings.Architecture),
            ["memorySize"] = settings.MemorySize,
            ["timeout"] = settings.Timeout,
            ["environment"] = new JsonObject { ["variables"] = variables },
            ["loggingConfig"] = new JsonObject { ["logFormat"] = "JSON", ["logGroup"] = logGroup.Name },
            ["tags"] = Tags.Standard(),
        },
        // The policy must exist before the first invocation can write logs or touch the table.
        new ResourceOptions(DependsOn: [policy]));

        return new FunctionResources(function, role, logGroup);
    }
}

/// <summary>One Lambda function of the stack.</summary>
/// <param name="HandlerName">Its <c>RTC_HANDLER</c> (one of <c>HandlerNames</c>); also its logical-name prefix.</param>
/// <param name="Environment">Environment variables besides <c>RTC_HANDLER</c>.</param>
/// <param name="Grants">Statements its role needs besides writing its own logs.</param>
internal sealed record FunctionSpec(string HandlerName, JsonObject Environment, IReadOnlyList<JsonObject> Grants);

/// <summary>A function with what belongs to it alone.</summary>
internal sealed record FunctionResources(ResourceRef Function, ResourceRef Role, ResourceRef LogGroup);
