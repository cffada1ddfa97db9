using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Rules;

namespace ThreatModel;

/// <summary>Registers ThreatModel's analyzer and rules with Microsoft.Extensions.DependencyInjection.</summary>
public static class ThreatModelingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="Analyzer"/> and every built-in rule. Add your own rules with <see cref="AddRule{TRule}"/>.
    /// </summary>
    /// <example><code>
    /// var services = new ServiceCollection().AddThreatModeling().AddRule&lt;MyRule&gt;();
    /// var analyzer = services.BuildServiceProvider().GetRequiredService&lt;Analyzer&gt;();
    /// </code></example>
    public static IServiceCollection AddThreatModeling(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var rule in BuiltInRules.Create())
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IPrivacyRule), rule));
        services.TryAddSingleton<Analyzer>();
        return services;
    }

    /// <summary>Adds a rule of your own; it runs beside the built-in ones.</summary>
    public static IServiceCollection AddRule<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TRule>(this IServiceCollection services)
        where TRule : class, IPrivacyRule
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPrivacyRule, TRule>());
        return services;
    }
}
