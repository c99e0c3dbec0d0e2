using System.Text.Json.Nodes;
using Rtc.Stack.Configuration;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>The optional EventBridge rule whose matching events invoke the publisher.</summary>
internal static class EventTriggerComponent
{
    /// <summary>Declares the rule, its target and the permission scoped to that rule.</summary>
    public static void Declare(StackTemplate template, EventTrigger trigger, ResourceRef publisher)
    {
        var rule = template.Resource("publish-rule", "aws:cloudwatch/eventRule:EventRule", new JsonObject
        {
            ["name"] = Naming.Physical("publish"),
            ["eventBusName"] = trigger.BusName,
            ["eventPattern"] = trigger.Pattern,
            ["tags"] = Tags.Standard(),
        });

        template.Resource("publish-rule-target", "aws:cloudwatch/eventTarget:EventTarget", new JsonObject
        {
            ["rule"] = rule.Name,
            ["eventBusName"] = trigger.BusName,
            ["arn"] = publisher.Arn,
        });

        template.Resource("publish-rule-invoke-permission", "aws:lambda/permission:Permission", new JsonObject
        {
            ["action"] = IamActions.LambdaInvokeFunction,
            ["function"] = publisher.Name,
            ["principal"] = ServicePrincipals.Events,
            ["sourceArn"] = rule.Arn,
        });
    }
}
