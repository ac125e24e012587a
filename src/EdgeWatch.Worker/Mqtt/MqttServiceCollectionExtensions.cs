using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeWatch.Worker.Mqtt;

/// <summary>Registers the MQTT connection and its validated options.</summary>
public static class MqttServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="MqttOptions"/> to the <c>Mqtt</c> section, validates it when the host starts, and registers
    /// one <see cref="MqttConnection"/> (not started: its owner calls <see cref="MqttConnection.Start"/> after
    /// attaching handlers, and disposes it at shutdown).
    /// </summary>
    public static IServiceCollection AddMqttConnection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MqttOptions>().Bind(configuration.GetSection(MqttOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>();
        services.AddSingleton<MqttConnection>();
        return services;
    }
}
