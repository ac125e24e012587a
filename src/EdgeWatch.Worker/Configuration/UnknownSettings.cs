using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace EdgeWatch.Worker.Configuration;

/// <summary>
/// Finds configuration keys that no setting reads — almost always a typo ("Wrokers") that would otherwise be silently
/// ignored — walking the options type's properties the way the binder does (case-insensitive), with the full key path.
/// </summary>
internal static class UnknownSettings
{
    public static IEnumerable<string> Find(IConfigurationSection section, Type type)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                yield return child.Path;
                continue;
            }

            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsComposite(propertyType) && child.GetChildren().Any())
            {
                foreach (var unknown in Find(child, propertyType))
                {
                    yield return unknown;
                }
            }
        }
    }

    // An options class with settings of its own (not a value, a string or a collection).
    private static bool IsComposite(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);
}
