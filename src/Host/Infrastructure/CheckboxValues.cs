using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Schakel.Host.Infrastructure;

/// <summary>
/// A yes/no form field (a checkbox) that arrives as anything but true or false gets the usual Dutch
/// "geen geldige waarde" message, and the page shows the box unchecked: the checkbox tag helper
/// parses the posted value again when it renders, and throws (our 500) on a value it cannot read.
/// </summary>
public sealed class CheckboxValues : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.UnderlyingOrModelType;
        return type == typeof(bool)
            ? new Binder(new SimpleTypeModelBinder(context.Metadata.ModelType, context.Services.GetRequiredService<ILoggerFactory>()))
            : null;
    }

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            var name = bindingContext.ModelName;
            if (bindingContext.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0
                && !bool.TryParse(entry.AttemptedValue, out _))
            {
                // The error stays; only the value the page renders becomes one it can read.
                bindingContext.ModelState.SetModelValue(name, bool.FalseString, entry.AttemptedValue);
            }
        }
    }
}
